# expect: TFL101
import numpy as np
from sklearn.model_selection import LeaveOneOut
from sklearn.feature_selection import SelectKBest, chi2
from sklearn.naive_bayes import GaussianNB
X = np.load("genes.npy"); y = np.load("labels.npy")
selector = SelectKBest(chi2, k=50)
X_new = selector.fit_transform(X, y)
correct = 0
for train, test in LeaveOneOut().split(X_new):
    nb = GaussianNB().fit(X_new[train], y[train])
    correct += int(nb.predict(X_new[test])[0] == y[test][0])
print(correct / len(y))

# expect: clean
import numpy as np
from sklearn.model_selection import StratifiedKFold
from sklearn.linear_model import LogisticRegression

X = np.load("X.npy"); y = np.load("y.npy")
skf = StratifiedKFold(5, shuffle=True, random_state=0)
for train_index, test_index in skf.split(X, y):
    clf = LogisticRegression(C=0.5)
    clf.fit(X[train_index], y[train_index])
    print(clf.score(X[test_index], y[test_index]))

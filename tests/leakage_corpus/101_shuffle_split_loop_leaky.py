# expect: TFL101
import numpy as np
from sklearn.model_selection import StratifiedShuffleSplit
from sklearn.preprocessing import StandardScaler
from sklearn.linear_model import LogisticRegression
X = np.load("X.npy"); y = np.load("y.npy")
X = StandardScaler().fit_transform(X)
sss = StratifiedShuffleSplit(n_splits=1, test_size=0.2, random_state=0)
for train_idx, test_idx in sss.split(X, y):
    X_train, X_test = X[train_idx], X[test_idx]
    y_train, y_test = y[train_idx], y[test_idx]
clf = LogisticRegression().fit(X_train, y_train)
print(clf.score(X_test, y_test))

# expect: clean
import numpy as np
from sklearn.model_selection import StratifiedShuffleSplit
from sklearn.preprocessing import StandardScaler
from sklearn.linear_model import LogisticRegression
X = np.load("X.npy"); y = np.load("y.npy")
sss = StratifiedShuffleSplit(n_splits=1, test_size=0.2, random_state=0)
train_idx, test_idx = next(sss.split(X, y))
X_train, X_test = X[train_idx], X[test_idx]
y_train, y_test = y[train_idx], y[test_idx]
sc = StandardScaler().fit(X_train)
clf = LogisticRegression().fit(sc.transform(X_train), y_train)
print(clf.score(sc.transform(X_test), y_test))

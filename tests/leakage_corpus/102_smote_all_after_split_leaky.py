# expect: TFL102
from imblearn.combine import SMOTETomek
from sklearn.model_selection import train_test_split
from sklearn.ensemble import ExtraTreesClassifier
import numpy as np

X = np.load("X.npy"); y = np.load("y.npy")
X_train, X_test, y_train, y_test = train_test_split(X, y, stratify=y)
X_bal, y_bal = SMOTETomek().fit_resample(X, y)
clf = ExtraTreesClassifier().fit(X_bal, y_bal)
print(clf.score(X_test, y_test))

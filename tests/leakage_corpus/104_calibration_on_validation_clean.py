# expect: clean
import numpy as np
from sklearn.model_selection import train_test_split
from sklearn.ensemble import RandomForestClassifier
from sklearn.calibration import CalibratedClassifierCV
from sklearn.linear_model import LogisticRegression

X = np.load("X.npy"); y = np.load("y.npy")
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, stratify=y)
X_fit, X_val, y_fit, y_val = train_test_split(X_train, y_train, test_size=0.25, stratify=y_train)
forest = RandomForestClassifier().fit(X_fit, y_fit)
calibrated = CalibratedClassifierCV(forest, cv="prefit").fit(X_val, y_val)
blender = LogisticRegression().fit(forest.predict_proba(X_val), y_val)
print(calibrated.score(X_test, y_test), blender.score(forest.predict_proba(X_test), y_test))

# expect: clean
import numpy as np
from sklearn.model_selection import train_test_split
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.linear_model import LogisticRegression
import joblib

X = np.load("X.npy"); y = np.load("y.npy")
X_train, X_test, y_train, y_test = train_test_split(X, y)
pipe = make_pipeline(StandardScaler(), LogisticRegression())
pipe.fit(X_train, y_train)
print("held-out accuracy", pipe.score(X_test, y_test))
final = make_pipeline(StandardScaler(), LogisticRegression()).fit(X, y)
joblib.dump(final, "model.joblib")

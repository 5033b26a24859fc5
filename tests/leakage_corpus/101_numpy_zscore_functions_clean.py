# expect: clean
import numpy as np
from sklearn.model_selection import train_test_split
from sklearn.linear_model import Ridge

X = np.load("x.npy"); y = np.load("y.npy")
X_train, X_test, y_train, y_test = train_test_split(X, y)
mu, sd = np.mean(X_train, axis=0), np.std(X_train, axis=0) + 1e-8
X_train = (X_train - mu) / sd
X_test = (X_test - mu) / sd
print(Ridge().fit(X_train, y_train).score(X_test, y_test))

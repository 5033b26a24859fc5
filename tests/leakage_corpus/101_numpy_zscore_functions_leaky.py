# expect: TFL101
import numpy as np
from sklearn.model_selection import train_test_split
X = np.load("x.npy"); y = np.load("y.npy")
X = (X - np.mean(X, axis=0)) / np.std(X, axis=0)
X_train, X_test, y_train, y_test = train_test_split(X, y)
mu = np.mean(X_train, axis=0)
X_test2 = X_test - mu

# expect: clean
import numpy as np
from sklearn.preprocessing import StandardScaler
from sklearn.model_selection import train_test_split
from sklearn.linear_model import SGDRegressor

X = np.load("X.npy"); y = np.load("y.npy")
X_small, y_small = X[:10000], y[:10000]
X_train, X_test, y_train, y_test = train_test_split(X_small, y_small)
sc = StandardScaler().fit(X_train)
reg = SGDRegressor().fit(sc.transform(X_train), y_train)
print(reg.score(sc.transform(X_test), y_test))

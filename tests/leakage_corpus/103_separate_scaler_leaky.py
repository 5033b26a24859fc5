# expect: TFL103
import numpy as np
from sklearn.preprocessing import MinMaxScaler
from sklearn.model_selection import train_test_split
from sklearn.neighbors import KNeighborsRegressor

X = np.load("X.npy"); y = np.load("y.npy")
X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)
train_scaler = MinMaxScaler().fit(X_train)
test_scaler = MinMaxScaler().fit(X_test)
knn = KNeighborsRegressor().fit(train_scaler.transform(X_train), y_train)
print(knn.score(test_scaler.transform(X_test), y_test))

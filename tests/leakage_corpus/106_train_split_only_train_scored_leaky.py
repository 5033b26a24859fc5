# expect: TFL106
import numpy as np
from sklearn.model_selection import train_test_split
from sklearn.svm import SVC

X = np.load("X.npy"); y = np.load("y.npy")
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2)
svc = SVC(gamma="scale")
svc.fit(X_train, y_train)
print("accuracy", svc.score(X_train, y_train))

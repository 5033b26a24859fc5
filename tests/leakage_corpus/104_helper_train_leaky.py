# expect: TFL104
import numpy as np
from sklearn.model_selection import train_test_split
from sklearn.svm import SVC


def train(features, labels):
    model = SVC(kernel="rbf", C=3)
    model.fit(features, labels)
    return model


data = np.load("data.npz")
X, y = data["X"], data["y"]
X_train, X_test, y_train, y_test = train_test_split(X, y)
clf = train(X_test, y_test)
print(clf.score(X_test, y_test))

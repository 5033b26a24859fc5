# expect: clean
from sklearn.preprocessing import StandardScaler
from sklearn.model_selection import train_test_split
from sklearn.linear_model import LogisticRegression


class Trainer:
    def __init__(self, X, y):
        self.X_train, self.X_test, self.y_train, self.y_test = train_test_split(X, y)
        self.scaler = StandardScaler()

    def run(self):
        xtr = self.scaler.fit_transform(self.X_train)
        xte = self.scaler.transform(self.X_test)
        clf = LogisticRegression().fit(xtr, self.y_train)
        return clf.score(xte, self.y_test)

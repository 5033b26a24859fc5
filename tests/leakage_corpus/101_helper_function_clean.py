# expect: clean
import pandas as pd
from sklearn.preprocessing import StandardScaler
from sklearn.model_selection import train_test_split
from sklearn.ensemble import GradientBoostingClassifier


def load(path):
    frame = pd.read_csv(path)
    return frame.drop(columns=["id", "churn"]), frame["churn"]


def preprocess(train, test):
    scaler = StandardScaler()
    train = scaler.fit_transform(train)
    test = scaler.transform(test)
    return train, test


def main():
    X, y = load("churn.csv")
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, stratify=y)
    X_train, X_test = preprocess(X_train, X_test)
    gb = GradientBoostingClassifier().fit(X_train, y_train)
    print(gb.score(X_test, y_test))


if __name__ == "__main__":
    main()

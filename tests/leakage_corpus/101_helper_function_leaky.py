# expect: TFL101
import pandas as pd
from sklearn.preprocessing import StandardScaler
from sklearn.model_selection import train_test_split
from sklearn.ensemble import GradientBoostingClassifier


def load(path):
    frame = pd.read_csv(path)
    return frame.drop(columns=["id", "churn"]), frame["churn"]


def preprocess(features):
    scaler = StandardScaler()
    return scaler.fit_transform(features)


def main():
    X, y = load("churn.csv")
    X = preprocess(X)
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, stratify=y)
    gb = GradientBoostingClassifier().fit(X_train, y_train)
    print(gb.score(X_test, y_test))


if __name__ == "__main__":
    main()

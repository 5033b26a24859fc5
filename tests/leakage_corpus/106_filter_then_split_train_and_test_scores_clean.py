# expect: clean
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.linear_model import LogisticRegression
df = pd.read_csv("data.csv")
df = df[df["age"] > 0]
df["bmi"] = df["weight"] / (df["height"] / 100) ** 2
X_train, X_test, y_train, y_test = train_test_split(df[["age", "bmi"]], df["sick"])
clf = LogisticRegression().fit(X_train, y_train)
print("train", clf.score(X_train, y_train), "test", clf.score(X_test, y_test))

# expect: TFL101
import pandas as pd
from sklearn.model_selection import KFold, cross_val_score
from sklearn.linear_model import LogisticRegression
df = pd.read_csv("titanic.csv")
df["Age"] = df["Age"].fillna(df["Age"].median())
X = df[["Age", "Fare", "Pclass"]]
y = df["Survived"]
print(cross_val_score(LogisticRegression(), X, y, cv=KFold(5)).mean())

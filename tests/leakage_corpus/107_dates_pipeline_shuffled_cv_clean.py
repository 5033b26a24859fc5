# expect: clean
import pandas as pd
from sklearn.model_selection import cross_val_score, KFold
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.linear_model import ElasticNet
df = pd.read_csv("wine.csv", parse_dates=["date"])
X = df.drop(columns=["quality", "date"])
y = df["quality"]
pipe = Pipeline([("sc", StandardScaler()), ("en", ElasticNet())])
print(cross_val_score(pipe, X, y, cv=KFold(5, shuffle=True, random_state=0)).mean())

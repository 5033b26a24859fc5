# expect: TFL107
import pandas as pd
from sklearn.model_selection import train_test_split
from xgboost import XGBRegressor
import sklearn
df = pd.read_csv("energy.csv", parse_dates=["Datetime"])
df = df.set_index("Datetime").sort_index()
df["hour"] = df.index.hour
df["lag1"] = df["PJME_MW"].shift(1)
df = df.dropna()
X_train, X_test, y_train, y_test = train_test_split(df[["hour", "lag1"]], df["PJME_MW"], test_size=0.3)
reg = XGBRegressor(n_estimators=500).fit(X_train, y_train)
print(reg.score(X_test, y_test))

# expect: clean
import pandas as pd
from xgboost import XGBRegressor
import sklearn
df = pd.read_csv("energy.csv", parse_dates=["Datetime"])
df = df.set_index("Datetime").sort_index()
df["hour"] = df.index.hour
df["lag1"] = df["PJME_MW"].shift(1)
df = df.dropna()
train = df.loc[df.index < "2015-01-01"]
test = df.loc[df.index >= "2015-01-01"]
reg = XGBRegressor(n_estimators=500).fit(train[["hour", "lag1"]], train["PJME_MW"])
print(reg.score(test[["hour", "lag1"]], test["PJME_MW"]))

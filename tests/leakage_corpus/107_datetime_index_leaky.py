# expect: TFL107
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.linear_model import Ridge

power = pd.read_csv("household_power.csv", index_col="Datetime", parse_dates=True)
X = power[["Global_reactive_power", "Voltage"]]
y = power["Global_active_power"]
X_tr, X_te, y_tr, y_te = train_test_split(X, y)
print(Ridge().fit(X_tr, y_tr).score(X_te, y_te))

# expect: clean
import pandas as pd
from sklearn.model_selection import TimeSeriesSplit
from sklearn.linear_model import Ridge

power = pd.read_csv("household_power.csv", index_col="Datetime", parse_dates=True)
X = power[["Global_reactive_power", "Voltage"]].values
y = power["Global_active_power"].values
for tr, te in TimeSeriesSplit(n_splits=5).split(X):
    print(Ridge().fit(X[tr], y[tr]).score(X[te], y[te]))

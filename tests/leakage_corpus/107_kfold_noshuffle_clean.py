# expect: clean
import numpy as np
import pandas as pd
from sklearn.model_selection import TimeSeriesSplit
from sklearn.linear_model import LinearRegression

prices = pd.read_csv("btc.csv")
prices["ma_10"] = prices["close"].rolling(10).mean()
prices["ret"] = prices["close"].pct_change()
prices = prices.dropna()
X = prices[["ma_10", "ret"]].to_numpy()
y = prices["close"].to_numpy()
tscv = TimeSeriesSplit(n_splits=5)
for tr, te in tscv.split(X):
    print(LinearRegression().fit(X[tr], y[tr]).score(X[te], y[te]))

# expect: TFL107
import numpy as np
import pandas as pd
from sklearn.model_selection import KFold
from sklearn.linear_model import LinearRegression

prices = pd.read_csv("btc.csv")
prices["ma_10"] = prices["close"].rolling(10).mean()
prices["ret"] = prices["close"].pct_change()
prices = prices.dropna()
X = prices[["ma_10", "ret"]].to_numpy()
y = prices["close"].to_numpy()
kf = KFold(n_splits=5, shuffle=True, random_state=1)
for tr, te in kf.split(X):
    print(LinearRegression().fit(X[tr], y[tr]).score(X[te], y[te]))

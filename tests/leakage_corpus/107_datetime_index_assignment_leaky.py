# expect: TFL107
import pandas as pd
import numpy as np
from sklearn.model_selection import train_test_split
from sklearn.ensemble import RandomForestRegressor
stock = pd.read_csv("AAPL.csv")
stock.index = pd.to_datetime(stock["Date"])
stock["Return"] = stock["Close"].pct_change()
stock["Target"] = stock["Close"].shift(-1)
stock = stock.dropna()
X = stock[["Open", "High", "Low", "Volume", "Return"]]
y = stock["Target"]
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=0)

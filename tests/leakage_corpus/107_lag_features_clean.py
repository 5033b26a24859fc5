# expect: clean
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.ensemble import RandomForestRegressor

sales = pd.read_csv("daily_sales.csv", parse_dates=["date"])
sales = sales.sort_values("date")
for lag in (1, 7, 28):
    sales[f"lag_{lag}"] = sales["units"].shift(lag)
sales = sales.dropna()
X = sales.drop(columns=["units", "date"])
y = sales["units"]
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, shuffle=False)
print(RandomForestRegressor().fit(X_train, y_train).score(X_test, y_test))

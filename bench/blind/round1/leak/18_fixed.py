import numpy as np
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.ensemble import RandomForestRegressor
from sklearn.metrics import mean_absolute_error, mean_absolute_percentage_error

STORE = 17

sales = pd.read_csv("store_daily_sales.csv", parse_dates=["date"])
sales = sales.loc[sales["store_id"] == STORE, ["date", "units", "promo"]]
sales = sales.sort_values("date").set_index("date").asfreq("D")
sales[["units", "promo"]] = sales[["units", "promo"]].fillna(0)
print(sales.index.min(), "->", sales.index.max(), len(sales), "days")

for lag in (1, 2, 3, 7, 14, 28):
    sales[f"lag_{lag}"] = sales["units"].shift(lag)
sales["roll_mean_7"] = sales["units"].shift(1).rolling(7).mean()
sales["roll_std_7"] = sales["units"].shift(1).rolling(7).std()
sales["roll_mean_28"] = sales["units"].shift(1).rolling(28).mean()
sales["dow"] = sales.index.dayofweek
sales["month"] = sales.index.month
sales["is_weekend"] = (sales["dow"] >= 5).astype(int)
sales = sales.dropna()

feature_names = [
    c for c in sales.columns
    if c.startswith(("lag_", "roll_")) or c in ("dow", "month", "is_weekend", "promo")
]
X = sales[feature_names]
y = sales["units"]

X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, shuffle=False)

rf = RandomForestRegressor(n_estimators=400, min_samples_leaf=3, n_jobs=-1, random_state=0)
rf.fit(X_train, y_train)
forecast = pd.Series(rf.predict(X_test), index=y_test.index)

print(f"MAE:  {mean_absolute_error(y_test, forecast):.2f} units/day")
print(f"MAPE: {mean_absolute_percentage_error(y_test + 1, forecast + 1):.2%}")
imp = pd.Series(rf.feature_importances_, index=feature_names).sort_values(ascending=False)
print(imp.head(10))

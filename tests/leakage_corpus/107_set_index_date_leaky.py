# expect: TFL107
import pandas as pd
from sklearn.model_selection import ShuffleSplit, cross_val_score
from sklearn.ensemble import GradientBoostingRegressor

weather = pd.read_csv("weather.csv")
weather["Date"] = pd.to_datetime(weather["Date"])
weather = weather.set_index("Date")
X = weather.drop(columns="MaxTemp")
y = weather["MaxTemp"]
cv = ShuffleSplit(n_splits=5, test_size=0.2)
print(cross_val_score(GradientBoostingRegressor(), X, y, cv=cv))

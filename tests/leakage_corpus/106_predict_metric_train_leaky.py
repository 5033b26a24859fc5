# expect: TFL106
from sklearn.datasets import load_diabetes
from sklearn.ensemble import RandomForestRegressor
from sklearn.metrics import r2_score, mean_absolute_error

X, y = load_diabetes(return_X_y=True)
rf = RandomForestRegressor(n_estimators=500, random_state=0)
rf.fit(X, y)
pred = rf.predict(X)
print("R2", r2_score(y, pred), "MAE", mean_absolute_error(y, pred))

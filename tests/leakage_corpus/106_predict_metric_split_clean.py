# expect: clean
from sklearn.datasets import load_diabetes
from sklearn.ensemble import RandomForestRegressor
from sklearn.metrics import r2_score, mean_absolute_error
from sklearn.model_selection import train_test_split

X, y = load_diabetes(return_X_y=True)
X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)
rf = RandomForestRegressor(n_estimators=500, random_state=0)
rf.fit(X_train, y_train)
print("train R2", r2_score(y_train, rf.predict(X_train)))
pred = rf.predict(X_test)
print("R2", r2_score(y_test, pred), "MAE", mean_absolute_error(y_test, pred))

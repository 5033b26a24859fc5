# expect: clean
from sklearn.datasets import load_iris
from sklearn.model_selection import cross_val_score, cross_val_predict
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import classification_report
X, y = load_iris(return_X_y=True)
rf = RandomForestClassifier()
pred = cross_val_predict(rf, X, y, cv=5)
print(classification_report(y, pred))
rf.fit(X, y)
print(rf.feature_importances_)

# expect: clean
import pandas as pd
from sklearn.model_selection import train_test_split, GridSearchCV
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import accuracy_score, confusion_matrix
df = pd.read_csv("heart.csv")
X = df.drop("target", axis=1)
y = df.target
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=0)
params = {"n_estimators": [100, 200], "max_depth": [3, 5, None]}
gs = GridSearchCV(RandomForestClassifier(random_state=0), params, cv=5, n_jobs=-1)
gs.fit(X_train, y_train)
best = gs.best_estimator_
y_pred = best.predict(X_test)
print(accuracy_score(y_test, y_pred))
print(confusion_matrix(y_test, y_pred))

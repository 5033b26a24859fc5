# expect: TFL102
import pandas as pd
from imblearn.over_sampling import RandomOverSampler
from sklearn.model_selection import GridSearchCV
from sklearn.ensemble import RandomForestClassifier
df = pd.read_csv('churn.csv')
X, y = df.iloc[:, :-1], df.iloc[:, -1]
ros = RandomOverSampler()
X_ros, y_ros = ros.fit_resample(X, y)
gs = GridSearchCV(RandomForestClassifier(), {'n_estimators': [100, 300]}, scoring='f1')
gs.fit(X_ros, y_ros)
print(gs.best_score_)

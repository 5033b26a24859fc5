# expect: clean
from imblearn.over_sampling import BorderlineSMOTE
from imblearn.pipeline import Pipeline
from sklearn.datasets import make_classification
from sklearn.model_selection import cross_val_score, StratifiedKFold
from sklearn.tree import DecisionTreeClassifier

X, y = make_classification(n_samples=5000, weights=[0.97], random_state=1)
pipe = Pipeline([("smote", BorderlineSMOTE()), ("tree", DecisionTreeClassifier())])
cv = StratifiedKFold(n_splits=5)
print(cross_val_score(pipe, X, y, cv=cv, scoring="f1").mean())

# expect: TFL102
from imblearn.over_sampling import BorderlineSMOTE
from sklearn.datasets import make_classification
from sklearn.model_selection import cross_val_score, StratifiedKFold
from sklearn.tree import DecisionTreeClassifier

X, y = make_classification(n_samples=5000, weights=[0.97], random_state=1)
X_os, y_os = BorderlineSMOTE().fit_resample(X, y)
cv = StratifiedKFold(n_splits=5)
print(cross_val_score(DecisionTreeClassifier(), X_os, y_os, cv=cv, scoring="f1").mean())

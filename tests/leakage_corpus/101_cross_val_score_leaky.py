# expect: TFL101
from sklearn.datasets import load_breast_cancer
from sklearn.model_selection import cross_val_score
from sklearn.preprocessing import RobustScaler
from sklearn.neighbors import KNeighborsClassifier

X, y = load_breast_cancer(return_X_y=True)
X = RobustScaler().fit_transform(X)
scores = cross_val_score(KNeighborsClassifier(), X, y, cv=10)
print(scores.mean())

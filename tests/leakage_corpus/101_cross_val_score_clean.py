# expect: clean
from sklearn.datasets import load_breast_cancer
from sklearn.model_selection import cross_val_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import RobustScaler
from sklearn.neighbors import KNeighborsClassifier

X, y = load_breast_cancer(return_X_y=True)
pipe = make_pipeline(RobustScaler(), KNeighborsClassifier())
scores = cross_val_score(pipe, X, y, cv=10)
print(scores.mean())

# expect: clean
from sklearn.datasets import load_digits
from sklearn.model_selection import GridSearchCV, train_test_split
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.decomposition import PCA
from sklearn.svm import SVC

digits = load_digits()
X_train, X_test, y_train, y_test = train_test_split(digits.data, digits.target, test_size=0.25)
pipe = Pipeline([("scale", StandardScaler()), ("pca", PCA()), ("svc", SVC())])
grid = GridSearchCV(pipe, {"pca__n_components": [10, 20, 30], "svc__C": [1, 10]}, cv=5)
grid.fit(X_train, y_train)
print(grid.best_params_, grid.score(X_test, y_test))

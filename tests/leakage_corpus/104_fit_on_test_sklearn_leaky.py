# expect: TFL104
from sklearn.datasets import load_iris
from sklearn.model_selection import train_test_split
from sklearn.ensemble import RandomForestClassifier

iris = load_iris()
X_train, X_test, y_train, y_test = train_test_split(iris.data, iris.target, test_size=0.3)
forest = RandomForestClassifier(n_estimators=50)
forest.fit(X_test, y_test)
print(forest.score(X_test, y_test))

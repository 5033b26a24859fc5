# expect: clean
from sklearn.datasets import fetch_openml
from sklearn.ensemble import RandomForestClassifier
from sklearn.model_selection import train_test_split
X, y = fetch_openml("mnist_784", version=1, return_X_y=True, as_frame=False)
X_train, X_test, y_train, y_test = X[:60000], X[60000:], y[:60000], y[60000:]
rf = RandomForestClassifier(n_jobs=-1).fit(X_train, y_train)
print(rf.score(X_test, y_test))

# expect: clean
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.neighbors import KNeighborsClassifier
data = pd.read_csv("heart.csv")
features = data.drop("target", axis=1)
X_train, X_test, y_train, y_test = train_test_split(features, data["target"], test_size=0.2)
mu, sigma = X_train.mean(), X_train.std()
X_train = (X_train - mu) / sigma
X_test = (X_test - mu) / sigma
knn = KNeighborsClassifier(n_neighbors=5).fit(X_train, y_train)
print(knn.score(X_test, y_test))

# expect: TFL101
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.neighbors import KNeighborsClassifier
data = pd.read_csv("heart.csv")
features = data.drop("target", axis=1)
features = (features - features.mean()) / features.std()
X_train, X_test, y_train, y_test = train_test_split(features, data["target"], test_size=0.2)
knn = KNeighborsClassifier(n_neighbors=5).fit(X_train, y_train)
print(knn.score(X_test, y_test))

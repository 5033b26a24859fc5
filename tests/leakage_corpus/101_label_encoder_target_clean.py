# expect: clean
import pandas as pd
from sklearn.preprocessing import LabelEncoder, StandardScaler
from sklearn.model_selection import train_test_split
from sklearn.linear_model import LogisticRegression

iris = pd.read_csv("iris.csv")
le = LabelEncoder()
y = le.fit_transform(iris["species"])
X = iris.drop(columns="species")
X_train, X_test, y_train, y_test = train_test_split(X, y, stratify=y)
ss = StandardScaler().fit(X_train)
clf = LogisticRegression().fit(ss.transform(X_train), y_train)
print(clf.score(ss.transform(X_test), y_test))

# expect: TFL101
import pandas as pd
from sklearn.impute import SimpleImputer
from sklearn.model_selection import train_test_split
from sklearn.tree import DecisionTreeClassifier

titanic = pd.read_csv("titanic.csv")
imp = SimpleImputer(strategy="median")
titanic[["Age", "Fare"]] = imp.fit_transform(titanic[["Age", "Fare"]])
X = titanic[["Age", "Fare", "Pclass"]].values
y = titanic["Survived"].to_numpy()
X_tr, X_te, y_tr, y_te = train_test_split(X, y, random_state=0)
tree = DecisionTreeClassifier(max_depth=4).fit(X_tr, y_tr)
print(tree.score(X_te, y_te))

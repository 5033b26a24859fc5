# expect: TFL106
import pandas as pd
from sklearn.tree import DecisionTreeClassifier

mushrooms = pd.get_dummies(pd.read_csv("mushrooms.csv"))
X = mushrooms.drop(columns=["class_p", "class_e"])
y = mushrooms["class_p"]
tree = DecisionTreeClassifier(max_depth=None)
tree.fit(X, y)
print("Accuracy:", tree.score(X, y))

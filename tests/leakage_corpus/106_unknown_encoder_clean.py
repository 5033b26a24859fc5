# expect: clean
# An encoder class tflint does not know, fitted on the training rows and applied to the test rows:
# transform(X_test) holds the test rows, so scoring on them is a real held-out evaluation.
import pandas as pd
from feature_kit import RareLabelGrouper
from sklearn.ensemble import RandomForestClassifier
from sklearn.model_selection import train_test_split

data = pd.read_csv("churn.csv")
X_train, X_test, y_train, y_test = train_test_split(data.drop(columns="churn"), data["churn"], test_size=0.25)
grouper = RareLabelGrouper(tol=0.05)
X_train = grouper.fit_transform(X_train)
X_test = grouper.transform(X_test)
forest = RandomForestClassifier(n_estimators=200).fit(X_train, y_train)
print("test accuracy", forest.score(X_test, y_test))

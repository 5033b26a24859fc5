# expect: clean
import pandas as pd
from sklearn.preprocessing import StandardScaler
from sklearn.ensemble import RandomForestClassifier

train = pd.read_csv("train.csv")
test = pd.read_csv("test.csv")
features = ["a", "b", "c"]
scaler = StandardScaler().fit(train[features])
clf = RandomForestClassifier().fit(scaler.transform(train[features]), train["target"])
test["target"] = clf.predict(scaler.transform(test[features]))
test.to_csv("submission.csv", index=False)

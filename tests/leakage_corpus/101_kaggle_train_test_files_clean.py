# expect: clean
import pandas as pd
from sklearn.impute import SimpleImputer
from sklearn.ensemble import GradientBoostingClassifier
train = pd.read_csv("train.csv")
test = pd.read_csv("test.csv")
full = pd.concat([train.drop(columns="Survived"), test])
imputer = SimpleImputer(strategy="most_frequent").fit(full[["Embarked", "Age"]])
train[["Embarked", "Age"]] = imputer.transform(train[["Embarked", "Age"]])
test[["Embarked", "Age"]] = imputer.transform(test[["Embarked", "Age"]])
clf = GradientBoostingClassifier().fit(pd.get_dummies(train.drop(columns="Survived")), train.Survived)

# expect: clean
import pandas as pd
from sklearn.utils import resample
from sklearn.model_selection import train_test_split
from sklearn.svm import SVC

df = pd.read_csv("balance-scale.csv")
train, test = train_test_split(df, stratify=df.balance)
majority = train[train.balance == 0]
minority = train[train.balance == 1]
minority_up = resample(minority, replace=True, n_samples=len(majority), random_state=123)
train_up = pd.concat([majority, minority_up])

model = SVC().fit(train_up.drop("balance", axis=1), train_up.balance)
print(model.score(test.drop("balance", axis=1), test.balance))

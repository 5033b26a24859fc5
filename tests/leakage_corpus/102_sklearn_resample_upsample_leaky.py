# expect: TFL102
import pandas as pd
from sklearn.utils import resample
from sklearn.model_selection import train_test_split
from sklearn.svm import SVC

df = pd.read_csv("balance-scale.csv")
majority = df[df.balance == 0]
minority = df[df.balance == 1]
minority_up = resample(minority, replace=True, n_samples=len(majority), random_state=123)
upsampled = pd.concat([majority, minority_up])

X = upsampled.drop("balance", axis=1)
y = upsampled.balance
X_train, X_test, y_train, y_test = train_test_split(X, y)
print(SVC().fit(X_train, y_train).score(X_test, y_test))

# expect: clean
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler
from sklearn.svm import SVR

df = pd.read_csv("energy.csv")
X_train, X_test, y_train, y_test = train_test_split(df.drop("load", axis=1), df["load"], test_size=0.2)
sc = StandardScaler()
X_train = sc.fit_transform(X_train)
X_test = sc.transform(X_test)
print(SVR().fit(X_train, y_train).score(X_test, y_test))

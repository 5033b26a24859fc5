# expect: TFL101
import pandas as pd
from sklearn.preprocessing import StandardScaler
from sklearn.model_selection import train_test_split
from sklearn.svm import SVC
df = pd.read_csv("cancer.csv")
target = df.pop("diagnosis")
df = pd.DataFrame(StandardScaler().fit_transform(df), columns=df.columns)
X_train, X_test, y_train, y_test = train_test_split(df, target, test_size=0.25)
print(SVC().fit(X_train, y_train).score(X_test, y_test))

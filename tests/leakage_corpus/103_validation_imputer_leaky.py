# expect: TFL103
import pandas as pd
from sklearn.impute import KNNImputer
from sklearn.model_selection import train_test_split

df = pd.read_csv("sensors.csv")
X_train, X_valid = train_test_split(df, test_size=0.2, random_state=0)
imputer = KNNImputer()
X_train = pd.DataFrame(imputer.fit_transform(X_train))
X_valid = pd.DataFrame(imputer.fit_transform(X_valid))

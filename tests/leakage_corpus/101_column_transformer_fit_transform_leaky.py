# expect: TFL101
import pandas as pd
from sklearn.compose import make_column_transformer
from sklearn.preprocessing import StandardScaler, OneHotEncoder
from sklearn.impute import SimpleImputer
from sklearn.pipeline import make_pipeline
from sklearn.model_selection import train_test_split
from sklearn.linear_model import LogisticRegression
data = pd.read_csv("adult.csv")
X, y = data.drop(columns="income"), data["income"]
pre = make_column_transformer((make_pipeline(SimpleImputer(), StandardScaler()), ["age", "hours"]), (OneHotEncoder(handle_unknown="ignore"), ["workclass"]))
X_prepared = pre.fit_transform(X)
X_tr, X_te, y_tr, y_te = train_test_split(X_prepared, y)
print(LogisticRegression().fit(X_tr, y_tr).score(X_te, y_te))

# expect: clean
import pandas as pd
from sklearn.preprocessing import Normalizer, OneHotEncoder, PolynomialFeatures
from sklearn.model_selection import train_test_split
from sklearn.linear_model import LinearRegression

df = pd.read_csv("insurance.csv")
ohe = OneHotEncoder(handle_unknown="ignore", sparse_output=False)
cats = ohe.fit_transform(df[["region", "smoker"]])
nums = Normalizer().fit_transform(df[["age", "bmi"]])
poly = PolynomialFeatures(2).fit_transform(nums)
X = pd.concat([pd.DataFrame(cats), pd.DataFrame(poly)], axis=1)
X_train, X_test, y_train, y_test = train_test_split(X, df["charges"], test_size=0.2)
print(LinearRegression().fit(X_train, y_train).score(X_test, y_test))
